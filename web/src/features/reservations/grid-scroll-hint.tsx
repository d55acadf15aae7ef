import { useEffect, useState, type RefObject } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';

/** Whether a frame scrolls sideways, and whether it is at either end. */
interface SidewaysScroll {
  overflows: boolean;
  atStart: boolean;
  atEnd: boolean;
}

const NO_OVERFLOW: SidewaysScroll = { overflows: false, atStart: true, atEnd: true };

/** A pixel of slack: browsers round scroll positions, and a column one pixel short is not hidden. */
const SLACK_PX = 1;

function measure(element: HTMLElement): SidewaysScroll {
  const hidden = element.scrollWidth - element.clientWidth;
  return { overflows: hidden > SLACK_PX, atStart: element.scrollLeft <= SLACK_PX, atEnd: element.scrollLeft >= hidden - SLACK_PX };
}

function useSidewaysScroll(frame: RefObject<HTMLElement | null>): SidewaysScroll {
  const [scroll, setScroll] = useState(NO_OVERFLOW);
  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const update = () => {
      const next = measure(element);
      setScroll((current) => (current.overflows === next.overflows && current.atStart === next.atStart && current.atEnd === next.atEnd ? current : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', update);
    };
  }, [frame]);
  return scroll;
}

/**
 * On a screen too narrow for every column (a phone shows three days of seven), says that the grid
 * scrolls sideways and offers buttons that scroll it by a screenful: a swipe is not something
 * everyone thinks of, and a keyboard or switch user needs another way.
 */
export function GridScrollHint({ frame, columnWidth }: { frame: RefObject<HTMLElement | null>; columnWidth: 'day' | 'resource' }) {
  const { t } = useI18n();
  const scroll = useSidewaysScroll(frame);
  if (!scroll.overflows) return null;
  const by = (direction: -1 | 1) => {
    const element = frame.current;
    // Most of a screenful, so that the last column seen stays in sight as a landmark.
    if (element) element.scrollBy({ left: direction * Math.round(element.clientWidth * 0.8), behavior: 'smooth' });
  };
  return (
    <div className="grid-scroll-hint" data-testid="grid-scroll-hint">
      <p className="muted small">{t(columnWidth === 'day' ? 'grid.scrollHint.day' : 'grid.scrollHint.resource')}</p>
      <div className="grid-scroll-buttons">
        <button type="button" className="button button-small" onClick={() => by(-1)} disabled={scroll.atStart}>
          <span aria-hidden="true">←</span> {t(columnWidth === 'day' ? 'grid.scrollEarlier.day' : 'grid.scrollEarlier.resource')}
        </button>
        <button type="button" className="button button-small" onClick={() => by(1)} disabled={scroll.atEnd}>
          {t(columnWidth === 'day' ? 'grid.scrollLater.day' : 'grid.scrollLater.resource')} <span aria-hidden="true">→</span>
        </button>
      </div>
    </div>
  );
}
