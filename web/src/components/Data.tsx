// The one way a page loads data and shows a list: `useLoad` fetches (again when its inputs
// change, or on `reload()`), `Loaded` shows the loading, error and empty states the same way
// everywhere, and `DataTable` is the workbench's table — a labelled region that scrolls sideways
// on a phone instead of widening the page.
import { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from './Notice';

export interface Load<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
  //! Replaces the data (after a change the server answered with the new value).
  setData: (d: T | null) => void;
}

//! Loads `fetch()` now and whenever `deps` change (what was shown goes, so old results never
//! pass for new ones); `reload()` fetches again keeping what is shown until the answer comes.
//! An answer to an older request is dropped.
export function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback((clear: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    if (clear) setData(null);
    fetch().then(
      (d) => {
        if (mine !== generation.current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (mine !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => run(true), [run]);
  return { data, error, loading, reload: () => run(false), setData };
}

//! The error, a spinner while nothing is loaded yet, `empty` when `isEmpty(data)`, else children.
export function Loaded<T>(props: {
  load: Load<T>;
  empty?: ComponentChildren;
  isEmpty?: (d: T) => boolean;
  children: (d: T) => ComponentChildren;
}) {
  const { data, error, loading } = props.load;
  return (
    <>
      <ErrorNotice error={error} />
      {data === null ? (loading ? <Loading /> : null) : props.isEmpty?.(data) ? <p>{props.empty}</p> : props.children(data)}
    </>
  );
}

export interface Column<R> {
  header: ComponentChildren;
  cell: (row: R) => ComponentChildren;
  //! Class of the column's cells (e.g. "small").
  class?: string;
}

//! A table of `rows` in a focusable, labelled region that scrolls on narrow screens.
export function DataTable<R>(props: {
  label: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string | number;
  rowClass?: (row: R) => string;
  //! Attributes of a row, such as `data-email` for the tests to find it by.
  rowAttrs?: (row: R) => Record<string, string | number>;
  class?: string;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={props.label}>
      <table class={'data-table' + (props.class ? ' ' + props.class : '')}>
        <thead>
          <tr>
            {props.columns.map((c, i) => <th key={i} scope="col">{c.header}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)} class={props.rowClass?.(r) ?? ''} {...props.rowAttrs?.(r)}>
              {props.columns.map((c, i) => <td key={i} class={c.class}>{c.cell(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
