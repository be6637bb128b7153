/** A user-readable message for anything thrown or rejected. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The preload strips Electron's IPC wording already; other transports may not.
  return text.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}
