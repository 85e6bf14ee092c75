import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let dialogCount = 0;

/**
 * A modal panel over the screen: a title, its content, closed with Escape or a tap outside it. It
 * fits any screen of the terminal (it scrolls inside itself when taller than the screen).
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useRef(`dialog-title-${++dialogCount}`).current;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && props.onClose();
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);
  return (
    <div class="dialog-backdrop" onClick={(event) => event.target === event.currentTarget && props.onClose()}>
      <div ref={panel} class="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
