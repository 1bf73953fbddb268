import { z } from 'zod';
import { checker, show } from './checker.ts';

const state = z.string().nullable();
const stateObject = z.strictObject({
  status: state.optional(),
  current_status: state.optional(),
});
const viewSpec = z.union([
  z.record(z.string(), z.union([state, stateObject])),
  z.array(
    z.strictObject({
      wamid: z.string(),
      status: state.optional(),
      current_status: state.optional(),
    }),
  ),
]);

/**
 * `status_view`: the current status per wamid, i.e. the `currentStatus`
 * of the latest status record of that wamid. `null`: no status at all.
 * Accepts `{wamid: "read"}`, `{wamid: {status: "read"}}` or a list of
 * `{wamid, status}`.
 */
export const statusView = checker(
  'status_view',
  viewSpec,
  (spec, { observation }) =>
    wanted(spec).flatMap(([wamid, want]) => {
      const got = observation.statusView.get(wamid) ?? null;
      return got === want
        ? []
        : [`status of ${wamid} is ${show(got)}, expected ${show(want)}`];
    }),
);

function wanted(spec: z.infer<typeof viewSpec>): [string, string | null][] {
  if (Array.isArray(spec)) {
    return spec.map((row) => [
      row.wamid,
      row.current_status ?? row.status ?? null,
    ]);
  }
  return Object.entries(spec).map(([wamid, value]) => [
    wamid,
    typeof value === 'object' && value !== null
      ? (value.current_status ?? value.status ?? null)
      : value,
  ]);
}
