import { z } from 'zod';

/**
 * A number from client input (card data, query strings): a string is read with Number() as
 * z.coerce.number() would, a number is kept, anything else (object, array, boolean, null) is refused as
 * the wrong type. z.coerce.number() calls Number() on whatever it gets, which throws a TypeError, not a
 * validation error, for an object like {"toString": "x"}, and quietly turns [5] into 5.
 */
export function numberInput<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), schema);
}
