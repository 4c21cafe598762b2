import type { Locator } from "@playwright/test";

/**
 * Submits `form` through `submitter` with its fields set to `values`, as a forged request would.
 * Setting and submitting happen in one browser task: React resets a hidden input's value whenever it
 * hydrates or re-renders the form, so a value set in one step and a click in the next can be undone
 * in between (it was, on a loaded CI machine). A submit before hydration is captured with its form
 * data by React's form replay and sent once the page hydrates.
 */
export async function submitForged(form: Locator, submitter: Locator, values: Record<string, string>): Promise<void> {
  const button = await submitter.elementHandle();
  await form.evaluate(
    (element, { values, button }) => {
      const formElement = element as HTMLFormElement;
      for (const [name, value] of Object.entries(values)) {
        const field = formElement.elements.namedItem(name);
        if (!(field instanceof HTMLInputElement)) throw new Error(`The form has no input named ${name}.`);
        field.value = value;
      }
      formElement.requestSubmit(button as HTMLButtonElement | null);
    },
    { values, button },
  );
}
