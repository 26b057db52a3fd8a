/** Nest injection tokens of the executor process. */
export const EXECUTOR_READ_MODEL = Symbol('EXECUTOR_READ_MODEL');
