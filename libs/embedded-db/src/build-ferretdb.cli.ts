import { buildFerretDbLauncher } from './ferretdb-build';

// CI runs this ahead of the tests so the slow first compile is its own, clearly labelled step.
buildFerretDbLauncher((message) => console.error(message)).then(
  (binary) => console.log(binary),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
