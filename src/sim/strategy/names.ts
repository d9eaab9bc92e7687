/** Name and label syntax checks live in the pure domain layer; the write path uses them from here. */
export * from '../../cluster/names.js';
