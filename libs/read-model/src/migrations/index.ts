import { CreateReadModel1732550000000 } from './1732550000000-create-read-model.migration';
import { CreateRegistry1732560000000 } from './1732560000000-create-registry.migration';

/** Every read-model migration, oldest first. */
export const READ_MODEL_MIGRATIONS = [CreateReadModel1732550000000, CreateRegistry1732560000000];
export { CreateReadModel1732550000000, CreateRegistry1732560000000 };
