export * from './instance-id';
export * from './mongo-errors';
export * from './sleep';
