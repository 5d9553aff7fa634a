// The host's file system as the core sees it, and the path rules every loader applies.
// No Node here: hosts implement the interface (server/src/node/nodeFs.ts, test memory file systems).

/** What `stat` tells about a path. */
export interface FileStat {
  size: number;
  isDirectory: boolean;
  /** False for a named pipe, socket or device, which is never read (it could block forever). */
  isFile?: boolean;
}

/** What the core needs from its host. Paths use `/` separators. */
export interface WorkspaceFs {
  /** The file's bytes; only the first `limit` bytes when a limit is given. */
  readFile(path: string, limit?: number): Promise<Uint8Array>;
  /** Size and type (links followed), or undefined when the path does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Every file below a folder, recursively, skipping VCS and dependency folders. Links to files
   * and special files are listed (the loader decides about them); links to folders are not
   * followed, so listing never leaves the folder or loops.
   */
  listFiles(dir: string): Promise<string[]>;
  /** The path with every link resolved, or undefined when it does not resolve. Hosts without links may omit it. */
  realPath?(path: string): Promise<string | undefined>;
}

/** Joins a path relative to kijun.yaml onto the workspace root, normalising `.` and `..`. */
export function workspacePath(root: string, relative: string): string {
  const prefix = root === '' || root === '.' ? '' : root.endsWith('/') ? root : `${root}/`;
  const parts: string[] = [];
  for (const part of `${prefix}${relative.replace(/\\/g, '/')}`.split('/')) {
    if (part === '.' || (part === '' && parts.length > 0)) continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Whether a normalised path lies inside the workspace root. */
export function insideRoot(root: string, path: string): boolean {
  const prefix = root === '' || root === '.' ? '' : root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) && !path.slice(prefix.length).split('/').includes('..');
}

/** Whether a path, its links resolved, lies inside the root (its links resolved too). A dangling link is left to the read to report. */
export async function realPathInside(fs: WorkspaceFs, root: string, path: string): Promise<boolean> {
  if (!insideRoot(root, path)) return false;
  if (!fs.realPath) return true;
  const real = await fs.realPath(path);
  if (real === undefined) return true;
  return insideRoot((await fs.realPath(root)) ?? root, real);
}

