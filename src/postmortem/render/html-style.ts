/** The post-mortem HTML's inline stylesheet: readable on screen, A4 in print, no row split across pages. */

export const POSTMORTEM_CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#161616;font:10.5pt/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px;overflow-wrap:break-word}
h1{font-size:20pt;line-height:1.2;margin:0 0 .3em;color:#10243e}
h2{font-size:14pt;margin:1.4em 0 .4em;padding-bottom:.15em;border-bottom:1px solid #c9d3df;color:#10243e}
h3{font-size:11.5pt;margin:1.1em 0 .3em;color:#1f3a5f}
h4{font-size:10.5pt;margin:.9em 0 .2em}
h1,h2,h3,h4{break-after:avoid;page-break-after:avoid;overflow-wrap:anywhere}
p{margin:.35em 0 .6em}
a{color:#174ea6}
em{color:#555}
table{border-collapse:collapse;width:100%;margin:.4em 0 .9em;font-size:9.5pt}
thead{display:table-header-group}
tr,td,th{break-inside:avoid;page-break-inside:avoid}
th,td{border:1px solid #c9d3df;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
/* The last column holds the long text (values, evidence, notes): there a long token may break anywhere. */
td:last-child{overflow-wrap:anywhere}
th{background:#eef2f7}
ul,ol{margin:.3em 0 .7em;padding-left:1.6em}
li{margin:.15em 0;break-inside:avoid;page-break-inside:avoid;overflow-wrap:anywhere}
li.task{list-style:none;margin-left:-1.2em}
pre{background:#f5f6f8;border:1px solid #e1e4e8;padding:6px 8px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:8.5pt}
code{font-family:"DejaVu Sans Mono","Liberation Mono",monospace}
blockquote{margin:.6em 0;padding:.4em .8em;border-left:4px solid #b7791f;background:#fff8e6}
figure.fishbone{margin:.5em 0 1em;break-inside:avoid;page-break-inside:avoid}
figure.fishbone svg{display:block;width:auto;height:auto;max-width:100%;max-height:150mm;margin:0 auto}
figcaption{font-size:9.5pt;color:#333;margin-top:.3em}
@page{size:A4;margin:18mm 14mm 16mm}
/* The diagram is wide: it gets a landscape page, with its heading. */
@page fishbone{size:A4 landscape}
h3:has(+ figure.fishbone),figure.fishbone,figure.fishbone+table,figure.fishbone+p{page:fishbone}
@media print{
  main{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}
  h2{break-before:auto}
}
`;
