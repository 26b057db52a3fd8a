export * from './test-database';
export * from './test-nats';
export * from './wait-for';
export * from './dev-token';
export * from './free-port';
export * from './launch-services';
