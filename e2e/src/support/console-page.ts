import type { Browser, Page } from 'playwright-core';

/**
 * A fresh console tab and the script errors it logs, blocked resources included (say, by the
 * Content-Security-Policy); a console test expects `errors` to stay empty. The API's 4xx and
 * 50x answers that the page shows in words are not errors.
 */
export async function openConsoleTab(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d|status of 50\d/.test(message.text())) {
      errors.push(message.text());
    }
  });
  return { page, errors };
}
