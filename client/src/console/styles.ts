/** Console styles: high-contrast text, visible focus, verdicts shown by word and icon. */
export const STYLES = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#1d2b3a;color:#fff}
header h1{font-size:1.1rem;margin:0;flex:1}
main{display:grid;grid-template-columns:minmax(18rem,1fr) minmax(22rem,1.4fr);gap:1rem;padding:1rem}
section{background:#fff;border:1px solid #ccc;border-radius:.4rem;padding:.6rem .9rem;min-width:0}
section h2{font-size:1rem;margin:.2rem 0 .6rem}
ol,ul{padding-left:1.2rem;margin:.2rem 0}
li{margin:.3rem 0}
button{font:inherit;padding:.25rem .7rem;border:1px solid #1d2b3a;border-radius:.3rem;background:#fff;color:#1d2b3a;cursor:pointer}
button.primary{background:#1d2b3a;color:#fff}
:focus-visible{outline:3px solid #e08a00;outline-offset:2px}
input,select,textarea{font:inherit;padding:.25rem .4rem;border:1px solid #666;border-radius:.3rem;max-width:100%}
textarea{width:100%;min-height:5rem;box-sizing:border-box}
label{display:block;margin:.4rem 0 .15rem;font-weight:600}
.badge{font-weight:700;white-space:nowrap}
.v-supported{color:#0a5d1e}.v-refuted{color:#9b1111}.v-not_enough_info{color:#5a4a00}
.muted{color:#555;font-size:.9em}
.votes{font-variant-numeric:tabular-nums}
.spark{font-family:monospace;letter-spacing:-1px;color:#1d4f91}
.error{color:#9b1111;font-weight:600}
.cluster.selected{background:#eef3fb}
blockquote{margin:.2rem 0;padding:.2rem .5rem;border-left:3px solid #888;background:#f4f4f4}
#login{max-width:22rem;margin:4rem auto}
.full{grid-column:1/-1}
.shot{display:block;max-width:240px;max-height:240px;margin:.2rem 0;border:1px solid #ccc;border-radius:.3rem}
`;
