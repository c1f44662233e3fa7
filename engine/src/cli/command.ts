// One CLI command = one module under ./commands exporting a `command` of this shape.
// Commands write to the given streams and return an exit code; they never call process.exit,
// so tests can run them in-process.

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working directory for relative paths. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdin?: NodeJS.ReadableStream;
}

export interface CliCommand {
  name: string;
  /** One line for `callflow help`. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
