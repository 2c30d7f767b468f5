package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What {@code --help} says: every option of every command is described, with no unfilled default. */
class HelpTest {
  @Test
  void everyOption_ofEveryCommand_hasADescriptionWithoutUnfilledPlaceholders() {
    List<String> undescribed = new ArrayList<>();
    visit(Main.commandLine(), undescribed);

    assertThat(undescribed).isEmpty();
  }

  private static void visit(CommandLine line, List<String> undescribed) {
    CommandSpec spec = line.getCommandSpec();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String text = String.join(" ", o.description());
      // a default shown as "{}", "[]" or "null" is a collection or unset field printed, not a default a user can use
      boolean unfilled = text.contains("${DEFAULT-VALUE}")
          && List.of("{}", "[]", "null", "").contains(String.valueOf(o.defaultValueString()));
      if (text.isBlank() || unfilled) {
        undescribed.add(spec.qualifiedName() + " " + o.longestName() + ": \"" + text + "\"");
      }
    }
    line.getSubcommands().values().forEach(sub -> visit(sub, undescribed));
  }
}
