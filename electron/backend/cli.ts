/**
 * The admin command line: the same router and services the app uses.
 *   npm run --silent deflect -- help
 */
import { makeIo } from './cli/io';
import { runCli } from './cli/run';

runCli(process.argv.slice(2), makeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
