import { Component, type ComponentChildren } from "preact";

interface Props {
  children?: ComponentChildren;
  /** When it changes (the person navigated), the boundary tries its children again. */
  resetKey: string;
}

/** Catches a page that fails to render, so the rest of the app (header, nav) keeps working. */
export class PageErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failed: true });
  }

  componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div class="page narrow">
        <h1>Something went wrong</h1>
        <div class="alert alert-error" role="alert">
          <p>This page could not be shown. Reloading usually helps.</p>
          <button type="button" class="button button-secondary" onClick={() => location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
