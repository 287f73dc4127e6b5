import type { ReactNode } from "react";

/** What an order means, point by point, each with an icon: the dialogs that start one. */
export function PointList({ points, icon }: { points: string[]; icon: ReactNode }) {
  return (
    <ul
      className="domain-order-points"
      style={{ listStyle: "none", paddingInlineStart: 4, margin: "0 0 16px" }}
    >
      {points.map((point, index) => (
        <li key={index}>
          {icon}
          {point}
        </li>
      ))}
    </ul>
  );
}
