/** What a CLI command may touch besides the file system: its streams and working folder. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-` arguments). */
  readStdin: () => Promise<string>;
  cwd: string;
}

/** A usage or input error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {}

export type Command = (args: string[], io: CliIO) => Promise<number>;
