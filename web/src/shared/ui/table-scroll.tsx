import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * The box a table scrolls sideways in when it is wider than the room it has (a phone, a narrow
 * window, the settlement's columns with VAT). While it scrolls, it is a region named like its
 * table and reached with Tab, so that the keyboard scrolls it too (WCAG 2.1.1; axe's
 * « scrollable-region-focusable »); while the table fits, it adds no stop to the tab order.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    // The box narrows with the window; the table widens with its rows.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  const reachable = scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {};
  return (
    <div ref={box} className={className === undefined ? 'table-wrapper' : `table-wrapper ${className}`} {...reachable}>
      {children}
    </div>
  );
}
