/**
 * Chart.js, with only the parts the trend charts use registered (line charts
 * on a category x axis and a linear y axis, with tooltips), so the bundle
 * carries nothing else.
 */
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

export { Chart };

/** The theme colours a chart draws with, read from the CSS variables at draw time (light or dark). */
export interface ChartColours {
  line: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
}

export function chartColours(element: Element = document.documentElement): ChartColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    line: read('--accent', '#1f5fa8'),
    text: read('--text', '#1f2328'),
    muted: read('--muted', '#5c636b'),
    grid: read('--border', '#d9d5cc'),
    surface: read('--surface', '#ffffff'),
  };
}
