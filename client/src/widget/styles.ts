/**
 * Widget styles, scoped by the shadow root. Colours keep at least 4.5:1 contrast with their
 * background (WCAG AA); verdicts also differ by icon and text, not by colour alone.
 */
export const styles = `
:host { all: initial; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
*, *::before, *::after { box-sizing: border-box; }
.panel { background: #fff; border: 1px solid #8c959f; border-radius: 10px; padding: 12px 14px; display: flex; flex-direction: column; gap: 8px; max-height: 80vh; }
h2 { font-size: 17px; margin: 0; }
.intro { margin: 0; color: #424a53; font-size: 14px; }
.log { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; display: flex; flex-direction: column; gap: 12px; min-height: 60px; }
.user { margin: 0 0 6px auto; background: #ddf4ff; padding: 6px 10px; border-radius: 10px; max-width: 90%; width: fit-content; white-space: pre-wrap; overflow-wrap: anywhere; }
.answer { border-left: 3px solid #8c959f; padding-left: 10px; }
.badge { display: inline-flex; gap: 4px; align-items: baseline; margin: 0 0 4px; padding: 2px 8px; border-radius: 6px; color: #fff; }
.badge-supported { background: #116329; }
.badge-refuted { background: #a40e26; }
.badge-not_enough_info { background: #57606a; }
.confidence { font-size: 13px; }
.answer-text { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.updated { margin: 0 0 4px; font-weight: 600; color: #0550ae; }
.marker, .link { background: none; border: none; padding: 0 1px; font: inherit; color: #0550ae; text-decoration: underline; cursor: pointer; }
.citations { margin: 6px 0; padding-left: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.citation { border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 8px; }
.citation:focus { outline: 3px solid #0969da; }
.citation-title { margin: 0; font-weight: 600; }
.citation-meta { margin: 0; font-size: 13px; color: #424a53; }
blockquote { margin: 4px 0; font-size: 14px; overflow-wrap: anywhere; }
mark { background: #fff8c5; color: #1f2328; }
.feedback { font-size: 13px; color: #424a53; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.feedback button, .ask button, .close { font: inherit; border: 1px solid #8c959f; background: #f6f8fa; color: #1f2328; border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.feedback button[aria-pressed="true"] { background: #0550ae; color: #fff; border-color: #0550ae; }
.progress { display: flex; align-items: center; gap: 6px; font-size: 13px; color: #424a53; }
.failure { color: #a40e26; margin: 4px 0; }
.offline { margin: 0; font-size: 13px; color: #6f4400; background: #fff8c5; padding: 4px 8px; border-radius: 6px; }
.ask { display: grid; grid-template-columns: 1fr auto; gap: 6px; align-items: end; }
.ask label { grid-column: 1 / -1; font-size: 13px; font-weight: 600; }
textarea { font: inherit; width: 100%; resize: vertical; border: 1px solid #8c959f; border-radius: 6px; padding: 6px; color: #1f2328; }
.ask button { background: #0550ae; color: #fff; border-color: #0550ae; padding: 6px 14px; }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dialog.source { max-width: min(640px, 92vw); border: 1px solid #8c959f; border-radius: 10px; padding: 16px; color: #1f2328; }
dialog.source::backdrop { background: rgb(0 0 0 / 0.4); }
.context { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 50vh; overflow-y: auto; }
.source-meta { font-size: 13px; color: #424a53; margin: 0; }
.launcher { font: inherit; background: #0550ae; color: #fff; border: none; border-radius: 20px; padding: 8px 16px; cursor: pointer; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); }
.floating { position: fixed; right: 16px; bottom: 16px; width: min(400px, calc(100vw - 32px)); display: flex; flex-direction: column; align-items: flex-end; gap: 8px; z-index: 2147483000; }
.floating .panel { width: 100%; box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); }
`;
