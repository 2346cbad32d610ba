/** An example third-party estimator that depends only on platform-api. */
module io.avnas.example.estimator {
  requires io.avnas.api;
}
