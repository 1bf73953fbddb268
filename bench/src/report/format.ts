const MB = 1024 * 1024;

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function ms(value: number | undefined): string {
  return value === undefined ? '-' : `${value.toFixed(1)} ms`;
}

export function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? '-' : `${(bytes / MB).toFixed(0)} MB`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** CPU as a share of one core (200% = both cores of this machine). */
export function core(share: number | undefined): string {
  return share === undefined ? '-' : `${share.toFixed(0)}%`;
}
