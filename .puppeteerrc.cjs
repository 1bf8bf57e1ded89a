// pa11y-ci (a benchmark peer, devDependency) brings puppeteer, whose install would download its
// own Chrome: impossible offline. The benchmark drives the system Chromium instead.
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
