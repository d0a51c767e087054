/** Stands for "no value"; never in the monospace face, where it shrinks to a hyphen. */
export function Dash() {
  return <span class="dash">—</span>;
}
