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

export class StatusLine {
  /** @param {HTMLElement} element  has role="status" */
  constructor(element) {
    this.element = element;
    this.message = document.createElement("span");
    this.detail = document.createElement("span");
    this.detail.className = "livedemo-status-detail";
    this.detail.setAttribute("aria-hidden", "true");
    element.replaceChildren(this.message, this.detail);
    this.timer = 0;
  }

  /**
   * @param {string} message  announced
   * @param {"busy"|"done"|"error"|""} [state]
   * @param {string} [detail]  shown, not announced
   */
  set(message, state = "", detail = "") {
    this.stopClock();
    if (this.message.textContent !== message) this.message.textContent = message;
    this.detail.textContent = detail;
    this.element.dataset.state = state;
  }

  /** Show `detail` only (e.g. bytes so far), keeping the message. */
  update(detail) {
    this.detail.textContent = detail;
  }

  /** Show `message` with the elapsed time since `start`, ticking. */
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
