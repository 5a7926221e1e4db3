// @ts-check
// The status line of one block (`role="status"`): a short message for screen readers, plus
// a ticking detail (bytes, elapsed time) that is shown but not announced on every tick.

/** @param {number} bytes */
export function formatBytes(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

/** @param {number} ms */
export function formatSeconds(ms) {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** @param {number} loaded @param {number} total  0 when unknown */
export function formatDownload(loaded, total) {
  return total > 0 ? `${formatBytes(loaded)} of ${formatBytes(total)}` : formatBytes(loaded);
}

/** @typedef {"busy"|"done"|"error"|""} State  what the line shows besides its text (`data-state`) */

/** Longest status message shown and announced; the full text is in the block's output. */
export const STATUS_CHARS = 160;

/** `message` cut to STATUS_CHARS characters, at a word when there is one close by. @param {string} message */
export function shorten(message) {
  if (message.length <= STATUS_CHARS) return message;
  const cut = message.slice(0, STATUS_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${space > STATUS_CHARS * 0.7 ? cut.slice(0, space) : cut}… (the full message is below)`;
}

export class StatusLine {
  /** @param {HTMLElement} element  has role="status" */
  constructor(element) {
    this.element = element;
    this.message = document.createElement("span");
    this.detail = document.createElement("span");
    this.detail.className = "livedemo-status-detail";
    this.detail.setAttribute("aria-hidden", "true");
    element.replaceChildren(this.message, this.detail);
    /** @type {ReturnType<typeof setInterval>|0} */
    this.timer = 0;
  }

  /**
   * @param {string} message  announced
   * @param {State} [state]
   * @param {string} [detail]  shown, not announced
   */
  set(message, state = "", detail = "") {
    this.stopClock();
    const short = shorten(message);
    if (this.message.textContent !== short) this.message.textContent = short;
    this.detail.textContent = detail;
    this.element.dataset.state = state;
  }

  /** Show `detail` only (e.g. bytes so far), keeping the message. @param {string} detail */
  update(detail) {
    this.detail.textContent = detail;
  }

  /** Show `message` with the elapsed time since `start`, ticking. @param {string} message */
  clock(message, start = performance.now()) {
    this.set(message, "busy");
    const tick = () => this.update(formatSeconds(performance.now() - start));
    tick();
    this.timer = setInterval(tick, 100);
  }

  stopClock() {
    clearInterval(this.timer);
    this.timer = 0;
  }
}
