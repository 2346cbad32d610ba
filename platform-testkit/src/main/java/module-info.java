/** Contract test base classes that any plugin, built-in or third-party, runs through. */
module io.avnas.testkit {
  requires io.avnas.api;
}
