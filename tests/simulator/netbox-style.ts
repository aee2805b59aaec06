// A compact stand-in for NetBox 4.x's stylesheet (Tabler / Bootstrap 5 with NetBox's brand
// colours: rich black #001423, dark teal #00857D, bright teal #00F2D4), inlined in every page
// so screenshots of the extension on the simulator look like a real NetBox. No fonts or
// icons are fetched: a system font stack (Tabler's) stands in for NetBox's Plus Jakarta Sans.
export const NETBOX_CSS = `
*,::before,::after{box-sizing:border-box}
:root{--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;--bg:#f6f8fb;--s1:#fff;--s2:#f6f8fb;--bd:#dadfe5;--text:#182433;--mu:#667382;--link:#00857d;--primary:#00857d;--primary-h:#00716a;--hover:rgba(102,115,130,.08);--header:#fff;--shadow:0 1px 2px rgba(24,36,51,.04);color-scheme:light}
[data-bs-theme=dark]{--bg:#081b2a;--s1:#0d202e;--s2:#1a2c39;--bd:#223747;--text:#dce1e7;--mu:#9ba9be;--link:#00f2d4;--hover:rgba(155,169,190,.08);--header:#001423;--shadow:none;color-scheme:dark}
body{margin:0;font:400 .875rem/1.4285714 Inter,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
h1,h2,h3{margin:0;font-weight:600;line-height:1.2}
code{font:.8125rem/1.4 var(--mono)}
.page{min-height:100vh;background:var(--bg)}
.navbar-vertical{position:fixed;inset:0 auto 0 0;width:18rem;overflow-y:auto;background:#001423;color:#fff;z-index:1030}
aside>.container-fluid{padding:0}
.navbar-brand{margin:0;padding:1.25rem 1.5rem .75rem;font-size:1.5rem;font-weight:700;letter-spacing:-.02em}
.navbar-brand a{display:inline-flex;align-items:center;gap:.55rem;color:#fff;text-decoration:none}
.navbar-brand a::before{content:"";width:1.6rem;height:1.6rem;border-radius:.4rem;background:linear-gradient(135deg,#00f2d4 45%,#00857d 45%)}
.navbar-toggler{display:none;position:absolute;top:1.1rem;right:1rem;background:none;border:1px solid #fff4;border-radius:4px;color:#fff;font-size:1rem}
.navbar-nav{list-style:none;margin:0;padding:.5rem 0 1rem}
aside .nav-item{position:relative}
aside .nav-item.active::before{content:"";position:absolute;left:0;top:0;bottom:0;border-left:2px solid #00f2d4}
aside .nav-link{display:flex;align-items:center;padding:.5rem 1.5rem;color:#ffffffb3;font-weight:500}
aside .nav-link:hover,aside .show>.nav-link{color:#fff;text-decoration:none}
.dropdown-toggle::after{content:"";margin-left:auto;width:.42em;height:.42em;border:solid currentColor;border-width:0 1px 1px 0;transform:rotate(-45deg)}
.show>.dropdown-toggle::after{transform:rotate(45deg)}
aside .dropdown-menu{display:none;padding:0 0 .5rem .5rem}
aside .show>.dropdown-menu{display:block}
.nav-group-label,.table thead th,.row>.card h3{font-size:.625rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.nav-group-label{padding:.75rem 1rem .25rem;color:#00f2d4;font-size:.6875rem;font-weight:700}
aside .dropdown-item{margin-right:.75rem;padding:0 1rem;border-radius:4px}
aside .dropdown-item a{display:block;padding:.25rem 0;color:#fff;text-decoration:none}
aside .dropdown-item:hover,aside .dropdown-item.active{background:#3a4859}
.page-wrapper{margin-left:18rem;min-height:100vh;display:flex;flex-direction:column}
.container-fluid{width:100%;max-width:1320px;margin:0 auto;padding:0 1.25rem}
header.navbar{background:var(--header);border-bottom:1px solid var(--bd);min-height:3.5rem;display:flex;align-items:center}
header.navbar>.container-fluid{display:flex;align-items:center;gap:1rem}
.navbar-search{flex:1;max-width:28rem;position:relative}
.navbar-search svg{position:absolute;left:.65rem;top:50%;transform:translateY(-50%);color:var(--mu)}
.navbar-search input{width:100%;padding-left:2.25rem}
.navbar-tools{margin-left:auto;display:flex;align-items:center;gap:1rem}
.nav-icon{display:inline-flex;background:none;border:0;padding:.25rem;color:var(--mu);cursor:pointer;border-radius:4px}.nav-icon:hover{color:var(--text);background:var(--hover)}
[data-bs-theme=dark] .hide-theme-dark,[data-bs-theme=light] .hide-theme-light{display:none}
.user-block{line-height:1.1;padding-left:.75rem;border-left:1px solid var(--bd)}
.user-block .small{font-size:.75rem;color:var(--mu);margin-top:.2rem}
.page-header{background:var(--header);border-bottom:1px solid var(--bd);padding:1.25rem 0}
.page-header>.container-fluid{display:flex;align-items:center;flex-wrap:wrap;gap:.75rem}
.page-title{font-size:1.25rem;line-height:1.75rem;font-weight:700;overflow-wrap:anywhere}
.btn-list{margin-left:auto;display:flex;gap:.5rem;flex-wrap:wrap}
.page-body{flex:1;padding:1.25rem 0}
.card,dl.sync-job{background:var(--s1);border:1px solid var(--bd);border-radius:6px;box-shadow:var(--shadow);margin:0 0 1rem}
.card>.table-responsive{overflow-x:auto;border-radius:6px}
.htmx-container>p,.htmx-container>.alert{margin:1rem}
.row{display:flex;gap:1rem;flex-wrap:wrap}.row>.card{flex:1;min-width:12rem;padding:1rem 1.25rem}
.row>.card h3{color:var(--mu)}
.row>.card p{margin:.35rem 0 0;font-size:1.75rem;font-weight:700}
.table{width:100%;border-collapse:collapse;margin:0;color:inherit}
.table th,.table td{padding:.5rem .75rem;border-bottom:1px solid var(--bd);text-align:left;vertical-align:top}
.table thead th{background:var(--s2);color:var(--mu);line-height:1rem;white-space:nowrap}
.table-hover tbody tr:hover>*{background:var(--hover)}
.object-list tbody tr:last-child>td{border-bottom:0}
.object-list td:nth-child(-n+2){white-space:nowrap}
pre{white-space:pre-wrap;word-break:break-word;margin:0;font:inherit}
details{margin-top:.25rem}summary{cursor:pointer;color:var(--link);font-size:.75rem}
details pre{margin-top:.25rem;padding:.5rem;background:var(--s2);border-radius:4px;font:.75rem/1.45 var(--mono)}
.badge{display:inline-block;padding:.25em .5em;font-size:.75rem;font-weight:600;line-height:1;border-radius:4px;color:#fff;background:#667382;white-space:nowrap}
.text-bg-green{background:#2fb344}.level-info{background:#4299e1}.level-warning{background:#f59f00}.level-error{background:#d63939}.level-critical{background:#8e1c1c}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:.35rem;padding:.3125rem .75rem;font:inherit;font-weight:500;color:var(--text);background:var(--s1);border:1px solid var(--bd);border-radius:4px;box-shadow:0 1px 1px rgba(24,36,51,.06);cursor:pointer;white-space:nowrap}
.btn:hover{background:var(--s2)}
.btn-primary{color:#fff;background:var(--primary);border-color:transparent}.btn-primary:hover{background:var(--primary-h)}
.btn-link{background:none;border-color:transparent;box-shadow:none;color:var(--mu);padding:.25rem .5rem}.btn-link:hover{color:var(--text);background:var(--hover)}
.btn:focus-visible,input:focus,select:focus{outline:0;border-color:#80c2be;box-shadow:0 0 0 .2rem rgba(0,133,125,.25)}
:where(input:not([type=hidden]),select){font:inherit;color:var(--text);background:var(--s1);border:1px solid var(--bd);border-radius:4px;padding:.375rem .75rem;min-height:2.25rem}
.filter-form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-bottom:1rem}.filter-form input{min-width:16rem}.filter-form .btn{min-height:2.25rem}
.alert{padding:.75rem 1rem;background:var(--s1);border:1px solid var(--bd);border-left:.25rem solid var(--ac,#4299e1);border-radius:4px;margin:0 0 1rem}
.alert-danger{--ac:#d63939}.alert-warning{--ac:#f59f00}
.text-muted{color:var(--mu)}
dl.sync-job{display:grid;grid-template-columns:max-content 1fr;gap:.6rem 2rem;padding:1rem 1.25rem}
dl.sync-job dt{color:var(--mu)}dl.sync-job dd{margin:0}
.footer{padding:1rem 0;color:var(--mu);font-size:.8125rem}.footer>.container-fluid{display:flex;justify-content:flex-end}
.login .page-center{display:flex;flex-direction:column;align-items:center;justify-content:center}
.container-tight{width:100%;max-width:26rem;padding:1.5rem .75rem}
.login-logo{text-align:center;margin-bottom:1.75rem}.login-logo .navbar-brand{display:inline-block;padding:0;font-size:2.25rem}
.login-logo .navbar-brand a{color:var(--text)}.login-logo .navbar-brand a::before{width:2.4rem;height:2.4rem;border-radius:.55rem}
.card-body{padding:2rem}.card-title{font-size:1.25rem;text-align:center;margin-bottom:1.5rem}
.form-label{display:block;font-weight:500;margin-bottom:.5rem}.mb-3{margin-bottom:1rem}.form-control,.w-100{display:block;width:100%}
.form-footer{margin-top:1.75rem}.login .btn{padding:.5rem}
.login-footer{text-align:center;color:var(--mu);font-size:.8125rem;margin-top:1.5rem}
@media (max-width:991.98px){.navbar-vertical{position:relative;width:auto}.navbar-toggler{display:block}.navbar-collapse{display:none}.navbar-collapse.show{display:block}.page-wrapper{margin-left:0}}
`;
