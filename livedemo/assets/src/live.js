// @ts-check
// Everything a page needs once the reader shows intent: the worker client, the scheduler
// and one view per block. Created by page.js on first intent, disposed when the page changes.

import { BlockView } from "./block.js";
import { WorkerClient } from "./client.js";
import { Scheduler } from "./scheduler.js";

export class LivePage {
  /**
   * @param {HTMLElement[]} blocks  the page's .livedemo elements, in page order
   * @param {{worker: URL, pyodide: URL}} urls
   * @param {() => import("./launch.js").Launch|null} [launched]  what page.js started on intent (launch.js)
   */
  constructor(blocks, urls, launched = () => null) {
    const hooks = (block) => ({
      onRun: () => this.run(block),
      onEdit: () => this.prefetch(),
      onInput: () => this.inputChanged(block),
    });
    this.views = new Map(blocks.map((block, index) => [block, new BlockView(block, index, hooks(block))]));
    const packages = [...new Set([...this.views.values()].flatMap((view) => view.options.packages ?? []))];
    this.client = new WorkerClient(urls.worker, urls.pyodide, {
      prefetch: packages,
      launched,
      onLoading: (event) => this.scheduler.runtimeLoading(event),
      onRestart: () => this.scheduler.forgetRuns(),
    });
    this.scheduler = new Scheduler(this.client, [...this.views.values()]);
  }

  /** Start the worker and Python without running anything (hover or focus on Run). */
  prefetch() {
    this.client.start();
  }

  run(block) {
    this.scheduler.request(this.views.get(block));
  }

  stop(block) {
    this.scheduler.stop(this.views.get(block));
  }

  /** Back to the block as built; its session's Python state goes too (replayed on its next run). */
  reset(block) {
    const view = this.views.get(block);
    if (view.reset()) this.scheduler.resetSession(view);
  }

  /** The reader changed an input: the block runs again with the new values. */
  inputChanged(block) {
    const view = this.views.get(block);
    if (view.inputsChanged()) this.scheduler.rerun(view);
  }

  /** Show what the reader left in a block last time (see saved.js), without running it. */
  restore(block, saved) {
    this.views.get(block).restore(saved ?? {});
  }

  copy(block) {
    return this.views.get(block).copy();
  }

  /** @param {{x: number, y: number}|null} point  where the reader clicked, if they did */
  edit(block, point) {
    return this.views.get(block).edit(point);
  }

  dispose() {
    this.client.dispose();
    for (const view of this.views.values()) view.dispose();
  }
}
