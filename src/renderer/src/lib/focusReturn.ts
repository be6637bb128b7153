/**
 * Give focus back when a view that replaced part of the window closes (the
 * diff, the trends page): what had focus when it opened gets it again — but
 * only if the focus went away with the view. Without this, Escape leaves
 * keyboard users on the page's body, back at the top of the tab order.
 */
export class FocusReturn {
  #open = false;
  #trigger: HTMLElement | null = null;

  /** The view opened: remember what had focus (the button or key that opened it). */
  opened(): void {
    this.#open = true;
    const active = document.activeElement;
    this.#trigger = active instanceof HTMLElement && active !== document.body ? active : null;
  }

  /** The view closed: if the focus is lost, return it (to the opener, else to `fallback`). */
  closed(fallback: () => HTMLElement | null = () => null): void {
    // Only a view that was open can have taken the focus away (not the first render, with it closed).
    if (!this.#open) return;
    this.#open = false;
    const trigger = this.#trigger;
    this.#trigger = null;
    const active = document.activeElement;
    // Focus still on something shown stays there; on nothing, or on something hidden or removed, it is lost.
    if (active && active !== document.body && active.isConnected && active.getClientRects().length > 0) return;
    const target = trigger?.isConnected ? trigger : fallback();
    target?.focus();
  }
}
