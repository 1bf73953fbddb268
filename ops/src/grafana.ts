// Builders for Grafana dashboard JSON (schema 39, Grafana 10/11): rows of
// time-series and stat panels over one Prometheus data source variable.

export interface Query {
  expr: string;
  legend: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
  kind?: 'timeseries' | 'stat';
  stacked?: boolean;
  /** Grid columns out of 24; default 12. */
  width?: number;
}

export interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  rows: RowSpec[];
  /** Extra template variables after datasource and namespace. */
  variables?: object[];
}

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const PANEL_HEIGHT = 8;

export function dashboard(spec: DashboardSpec): object {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['wapipe'],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    templating: { list: [...baseVariables(), ...(spec.variables ?? [])] },
    panels: layout(spec.rows),
  };
}

/** A query variable over a label of the wapipe scrape targets. */
export function labelVariable(name: string, query: string, multi: boolean) {
  return {
    name,
    type: 'query',
    datasource: DATASOURCE,
    query: { query, refId: `${name}-values` },
    definition: query,
    refresh: 2,
    sort: 1,
    multi,
    includeAll: multi,
    ...(multi ? { allValue: '.+' } : {}),
  };
}

function baseVariables(): object[] {
  return [
    {
      name: 'datasource',
      label: 'Data source',
      type: 'datasource',
      query: 'prometheus',
      refresh: 1,
    },
    labelVariable(
      'namespace',
      'label_values(up{job=~"wapipe-.*"}, namespace)',
      false,
    ),
  ];
}

// Rows stack vertically; panels fill each row left to right, wrapping at
// 24 columns.
function layout(rows: RowSpec[]): object[] {
  const panels: object[] = [];
  let y = 0;
  for (const row of rows) {
    panels.push(rowPanel(row.title, panels.length + 1, y));
    y += 1;
    let x = 0;
    for (const spec of row.panels) {
      const w = spec.width ?? 12;
      if (x + w > 24) {
        x = 0;
        y += PANEL_HEIGHT;
      }
      panels.push(panel(spec, panels.length + 1, { x, y, w, h: PANEL_HEIGHT }));
      x += w;
    }
    y += PANEL_HEIGHT;
  }
  return panels;
}

function rowPanel(title: string, id: number, y: number): object {
  return {
    id,
    type: 'row',
    title,
    collapsed: false,
    gridPos: { x: 0, y, w: 24, h: 1 },
    panels: [],
  };
}

function panel(spec: PanelSpec, id: number, gridPos: object): object {
  const kind = spec.kind ?? 'timeseries';
  return {
    id,
    type: kind,
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    gridPos,
    fieldConfig: {
      defaults: { unit: spec.unit, ...fieldDefaults(kind, spec) },
      overrides: [],
    },
    options: kind === 'stat' ? statOptions() : seriesOptions(),
    targets: spec.queries.map((query, index) => ({
      refId: String.fromCharCode(65 + index),
      datasource: DATASOURCE,
      expr: query.expr,
      legendFormat: query.legend,
      range: true,
    })),
  };
}

function fieldDefaults(kind: string, spec: PanelSpec): object {
  if (kind === 'stat') return { color: { mode: 'thresholds' } };
  return {
    custom: {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: spec.stacked ? 30 : 10,
      showPoints: 'never',
      stacking: { mode: spec.stacked ? 'normal' : 'none', group: 'A' },
    },
  };
}

function seriesOptions(): object {
  return {
    legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
    tooltip: { mode: 'multi', sort: 'desc' },
  };
}

function statOptions(): object {
  return {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    colorMode: 'value',
    graphMode: 'area',
    textMode: 'auto',
  };
}
