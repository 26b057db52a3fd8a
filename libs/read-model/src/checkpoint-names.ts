/** Checkpoint name of the projection runner that keeps the read models; the gateway waits on it (read-your-writes). */
export const READ_MODEL_CHECKPOINT = 'read-model';
