export * from './errors';
export * from './common';
export * from './events';
export * from './catalog';
export * from './inventory';
export * from './orders';
export * from './tags';
export * from './flash-sales';
