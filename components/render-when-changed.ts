import { Component, type ComponentChildren } from 'preact';

/**
 * Renders `children()` again only when one of `deps` changed (compared with ===, in order).
 * The log list wraps each row in it so a scroll frame renders only the rows entering the
 * view, not every row in it (docs/performance.md). Whatever the render function reads
 * must be in `deps` or stay valid across renders (stable callbacks, refs).
 */
export class RenderWhenChanged extends Component<{ deps: readonly unknown[]; children: () => ComponentChildren }> {
  override shouldComponentUpdate(next: { deps: readonly unknown[] }): boolean {
    const before = this.props.deps;
    return next.deps.length !== before.length || next.deps.some((dep, i) => dep !== before[i]);
  }

  override render() {
    return this.props.children();
  }
}
