-- Sitemaps date the paper, each section and each month by their latest
-- publication or correction (LastChange). Without an index on
-- modified_at the correction half read every published story of the
-- paper or the section and sorted them (at 1,000,000 stories, seconds
-- for the sitemap index after every publication); few stories are ever
-- corrected, so a partial index on those is small and answers it.
CREATE INDEX articles_corrected ON articles (status, modified_at DESC) WHERE modified_at IS NOT NULL;
