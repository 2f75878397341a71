import type { LayoutKind } from '../../electron/contract/schemas';
import { layoutGeometry } from '../live/layout-geometry';

/** A small drawing of a layout's tiles, generated from the same geometry as the grid. */
export function LayoutIcon(props: { kind: LayoutKind; size?: number }) {
  const size = props.size ?? 18;
  const g = layoutGeometry(props.kind);
  const gap = 1.2;
  const cw = (size - gap * (g.cols - 1)) / g.cols;
  const ch = (size - gap * (g.rows - 1)) / g.rows;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
      {g.tiles.map((b, i) => (
        <rect
          key={i}
          x={b.col * (cw + gap)}
          y={b.row * (ch + gap)}
          width={b.colSpan * cw + (b.colSpan - 1) * gap}
          height={b.rowSpan * ch + (b.rowSpan - 1) * gap}
          rx={0.8}
          fill="currentColor"
        />
      ))}
    </svg>
  );
}
