package io.avnas.api.data;

/** The four splits of an experiment. Architecture weights learn on DEV, model selection uses VAL. */
public enum Split {
  TRAIN,
  DEV,
  VAL,
  TEST
}
