// Running the probes' in-page scripts. The keyboard walk and the focus sampling evaluate a
// script hundreds of times a page; in the top document they go straight over the page's
// DevTools session (Runtime.evaluate in its main world, where Playwright's evaluate runs them
// too), which costs about a third of the CPU of Playwright's evaluate (measured: 0.8 against
// 2.2 CPU ms a call, browser and Node together). Frames keep Playwright's evaluate: it knows
// which process and context each frame lives in.
import type { CDPSession } from 'playwright-core';
import type { FrameTarget } from './frames.ts';

interface EvaluateAnswer {
  result?: { value?: unknown; type?: string };
  exceptionDetails?: { text?: string; exception?: { description?: string } };
}

/** The value of `expression` (awaited if a promise) in the top document; throws what the page threw. */
export async function evaluateTop<T>(cdp: CDPSession, expression: string): Promise<T> {
  const answer = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as EvaluateAnswer;
  if (answer.exceptionDetails) {
    const { text, exception } = answer.exceptionDetails;
    throw new Error(String(exception?.description ?? text ?? 'the script threw').split('\n')[0]!.slice(0, 300));
  }
  return answer.result?.value as T;
}

/** The value of `expression` in one document of the page: the top one over `cdp`, a frame through Playwright. */
export function evaluateIn<T>(cdp: CDPSession, target: FrameTarget, expression: string): Promise<T> {
  return target.ref.index === 0 ? evaluateTop<T>(cdp, expression) : (target.frame.evaluate(expression) as Promise<T>);
}
