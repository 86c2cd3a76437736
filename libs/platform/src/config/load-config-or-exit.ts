import { AppConfig, ConfigError, loadAppConfig } from './app-config';

/** The configuration of a process's entry point: a bad one is printed (every problem) and exits with 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
