/**
 * The one status line a terminal may show at a time (the sync's progress bar). Log lines
 * written while it is up first clear it and then have it drawn again below them, so log
 * output and the bar never share a line — what `npm start` used to show as JSON glued to
 * the middle of the bar.
 */
export interface StatusLine {
  /** Erases the line from the terminal (the cursor ends at its start). */
  clear(): void;
  /** Draws it again at the cursor. */
  redraw(): void;
}

let current: StatusLine | null = null;

/** The progress bar registers itself while it is shown; null when it goes away. */
export function setStatusLine(line: StatusLine | null): void {
  current = line;
}

/** Runs `write` with the status line out of the way. */
export function aroundStatusLine(write: () => void): void {
  const line = current;
  if (line === null) {
    write();
    return;
  }
  line.clear();
  try {
    write();
  } finally {
    line.redraw();
  }
}
