/** Nest injection tokens of the projector process. */
export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');
export const PROJECTOR_LOGGER = Symbol('PROJECTOR_LOGGER');
export const PG_POOL = Symbol('PG_POOL');
export const READ_MODEL_DATA_SOURCE = Symbol('READ_MODEL_DATA_SOURCE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
