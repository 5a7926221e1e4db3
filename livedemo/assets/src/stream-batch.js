// @ts-check
// Line-buffered stdout/stderr for the worker, like a terminal: a write that completes a line
// is posted at once, with any text held before it; a partial line is posted at once too
// unless something was posted in the last 50 ms (then it waits for its newline, the next
// event or the end of the run). `print("line", i)` makes four writes: this posts one
// message per line instead of four.
//
// A flood (more than 200 messages within 100 ms) switches to bursts: lines are gathered and
// posted every 16 ms, so the page gets a few large messages instead of hundreds of
// thousands. In a flood, the last lines before a long silent computation may wait for the
// next write or event, or the end of the run.

const PARTIAL_LINE_MS = 50;
const FLOOD_WINDOW_MS = 100;
const FLOOD_MESSAGES = 200;
const BURST_MS = 16;

export class StreamBatch {
  /** @param {(stream: string, text: string) => void} send */
  constructor(send) {
    this.send = send;
    /** @type {"stdout"|"stderr"|null} the stream of the text held */
    this.stream = null;
    this.text = "";
    this.lastSent = -Infinity;
    this.windowStart = -Infinity;
    this.windowCount = 0;
  }

  /** @param {"stdout"|"stderr"} stream @param {string} text */
  write(stream, text) {
    if (stream !== this.stream) this.flush();
    this.stream = stream;
    this.text += text;
    const since = performance.now() - this.lastSent;
    const flooding = this.windowCount >= FLOOD_MESSAGES;
    if (flooding ? since >= BURST_MS : text.includes("\n") || since >= PARTIAL_LINE_MS) this.flush();
  }

  /** Post what is held (before another kind of event, and when the run ends). */
  flush() {
    if (!this.text || this.stream === null) return; // text is held only with its stream
    this.send(this.stream, this.text);
    this.text = "";
    const now = performance.now();
    if (now - this.windowStart >= FLOOD_WINDOW_MS) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
    this.lastSent = now;
  }
}
