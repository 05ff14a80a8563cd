// Watching config and pack files from the server itself, for clients that do not watch files for it
// (workspace/didChangeWatchedFiles). Folders are watched rather than files: an editor that saves by writing a
// new file and renaming it over the old one would leave a watch on the file pointing at nothing.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class FileWatch {
  private readonly folders = new Map<string, FSWatcher>();
  private files = new Set<string>();

  constructor(private readonly onChange: (file: string) => void) {}

  /** Watch exactly these files (absolute paths); folders no longer needed are let go. */
  set(files: Iterable<string>): void {
    this.files = new Set(files);
    const needed = new Set([...this.files].map((f) => dirname(f)));
    for (const [folder, watcher] of this.folders) {
      if (!needed.has(folder)) {
        watcher.close();
        this.folders.delete(folder);
      }
    }
    for (const folder of needed) {
      if (this.folders.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          const file = name === null ? undefined : join(folder, basename(name.toString()));
          if (file !== undefined && this.files.has(file)) this.onChange(file);
        });
        watcher.on('error', () => this.forget(folder));
        this.folders.set(folder, watcher);
      } catch {
        // A folder that does not exist (a config candidate's) cannot be watched; nothing in it is in use either.
      }
    }
  }

  close(): void {
    for (const folder of [...this.folders.keys()]) this.forget(folder);
  }

  private forget(folder: string): void {
    this.folders.get(folder)?.close();
    this.folders.delete(folder);
  }
}
