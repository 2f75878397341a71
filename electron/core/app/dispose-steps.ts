// Ordered shutdown: steps registered as things are built run in reverse, and one
// failing step is logged without skipping the rest (every ffmpeg still stops).
import type { Logger } from '../logging/logger';

export class DisposeSteps {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];

  constructor(private readonly log: Pick<Logger, 'error'>) {}

  push(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  async runAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        this.log.error('dispose step failed', { step: step.name, err });
      }
    }
  }
}
