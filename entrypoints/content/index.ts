// Registered at run time on the NetBox origins the user added (no fixed matches).
export default defineContentScript({
  registration: 'runtime',
  main() {
    if (!document.documentElement.hasAttribute('data-netbox-version')) return;
    document.documentElement.setAttribute('data-proxbox-logs', 'loaded');
  },
});
