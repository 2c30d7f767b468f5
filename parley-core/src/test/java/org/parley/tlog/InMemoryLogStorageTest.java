package org.parley.tlog;

class InMemoryLogStorageTest extends LogStorageContractTest {
  @Override
  LogStorage storage() {
    return new InMemoryLogStorage();
  }
}
