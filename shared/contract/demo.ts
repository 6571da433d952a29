import { z } from 'zod';
import { empty, ok, procedure } from './procedure';

export const demoContract = {
  /**
   * "Explore with demo data": creates the demonstration store beside the real one (once) and switches the
   * app to it. Refused while anyone is logged in. `created` is false when an earlier demo store was reopened.
   */
  'demo.open': procedure({
    input: empty,
    output: z.object({ created: z.boolean() }),
    access: 'public',
    kind: 'mutation',
  }),
  /** Back to the real store (logs the demo session out). */
  'demo.leave': procedure({ input: empty, output: ok, access: 'public', kind: 'mutation' }),
} as const;
