// Sizes in messages about limits (config files, deployment files, files too large to parse): the
// same decimal units everywhere, so a limit reads the same wherever it is reported.

/** `850 kB`, `1.5 MB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`;
}
