from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cancellation_policy" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "is_default" BOOL NOT NULL,
    "current_version_id" INT,
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_agency__462770" UNIQUE ("agency_id", "name")
);
COMMENT ON TABLE "cancellation_policy" IS 'A named policy of the agency; the default one applies to new bookings.';
        CREATE TABLE IF NOT EXISTS "cancellation_policy_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "terms" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "policy_id" INT NOT NULL REFERENCES "cancellation_policy" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_policy__bdb666" UNIQUE ("policy_id", "version")
);
COMMENT ON TABLE "cancellation_policy_version" IS 'One saved version of a policy: its tiers, payout tiers, calendar and grace.';
        ALTER TABLE "customer" ADD "cancellation_policy_id" INT;
        ALTER TABLE "mission" ADD "policy_version_id" INT;
        ALTER TABLE "mission" ADD "no_show_grace_minutes" INT;
        ALTER TABLE "cancellation" ADD "policy_version_id" INT;
        ALTER TABLE "cancellation" ADD "tier" INT;
        ALTER TABLE "cancellation" ADD "notice_minutes" INT;
        ALTER TABLE "cancellation" ADD "business_notice_minutes" INT;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "mission" DROP COLUMN "policy_version_id";
        ALTER TABLE "mission" DROP COLUMN "no_show_grace_minutes";
        ALTER TABLE "customer" DROP COLUMN "cancellation_policy_id";
        ALTER TABLE "cancellation" DROP COLUMN "policy_version_id";
        ALTER TABLE "cancellation" DROP COLUMN "tier";
        ALTER TABLE "cancellation" DROP COLUMN "notice_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "business_notice_minutes";
        DROP TABLE IF EXISTS "cancellation_policy";
        DROP TABLE IF EXISTS "cancellation_policy_version";"""


MODELS_STATE = (
    "eJztXf1z4jjS/ldU/DKzVdmpCfmYOfatqyKEmeGWQIowO3u3ufI5thJ8AYu1TbLc3f7vry"
    "Tb+Eu2ZTDGePqXBGy1gEdSu/vpVuu/rQXR8dx+133CprZuddB/W6a6wPRF7M4JaqnLZXCd"
    "XXDUhzlvqgZtHmzHUjWHXn1U5zaml3Rsa5axdAxisrZd5GBTNZ0OMhwb6fhRXc3pC9r5fI"
    "1eZ9jCSEXaynbIAluIWEi3jBf6ysa0lUmcmWE+vWMfpRONfhZ9V2qvK9P4fYUVhzxhh4rR"
    "vn/7J71smDr+A9v+2+Wz8mjguR4BzNBZB/y64qyX/NrAdD7xhuwLPygama8WZtB4uXZmxN"
    "y0NkyHXaVoYkt1MOvesVYMRHM1n3to+7i63zRo4n7FkIyHAr3ApN0vEFxrKcpoPFXu+lNF"
    "aSWGyZcIYexd0ojJhph+VZv/+if2FX5sn55/OP94dnn+kTbhX3Nz5cOf7kcHwLiCHJ7RtP"
    "Unv686qtuCYxyAyv8nYO3NVEuMq98+hiz9ynFkfRyzoPUvBNgGs7oKcBfqH8ocm0/OjCH6"
    "/n0GlL90J70v3clb2uoH9pGELkN3dY68W233HsM7wNcxFlj5DzELgRwRqg7p1tdpr1UJ1J"
    "fnEkhfnqcCzW5FcdZWluUrSVmYwzIVotz/OqkG5TMJkM9SMT6LQ+x9W0VTTQ1TDNiXU17p"
    "TyWvysIwVw62Cyhoyd7yNXhZ43J6fv6+1ko8ORIUJ2OxWigPxnxOP3+HUcjoqboRuDwW/A"
    "3zhRga1iOTV6x5+uZqwaEf0G/EWictlbTOKlRJV8Nx7+eCSskV6iD+797sDofjb8q3wfSL"
    "0pv0rwdTJtvvIPH1uIEppc7aMvqsna7Q2nGNZhLFnlF984gFj+drrBkLdZ5iBkUlY0Olu6"
    "LvvC4khs0zKetiGGUAfd3vDW66w7en7RMXavv3ueHg8BicJ6wg/IJNR7Hx70mYr4ynVO0U"
    "EatOD+1ZDf2l3T47+9B+f3b58eL8w4eLj+83+ih5K0sxXQ0+M90Ume6pykqMfrr/FJVqDP"
    "ilPQM0C7NfrqiOQHXQO8yGTzE7I5Jx1eGJvvNfHKNbRX+gPjbna0+xZeA6Hdz076bdm1v2"
    "cQub6hKOX3faZ3fa/Oo6dvXtZUzFbzpB7DGD2Fv0j/GIP2SWxHaeLP6JQbvpP1rsO6krhy"
    "gm1eKqHnLr/as+an8yQuLxOeQ9swsPqvb8qlq6ErkTTI+VjS2BIXbliX36eYJTn/QeM/SV"
    "dnGEo/+nP9/9q8EsCLtrLlW0I0Q9r5umwuSyaDuCdM07aSpEqm0bT+YCM5mdYOpuOmoqVA"
    "uD/kTaYjecbtxemgoSsfSdV9yY9dFUgOhTyRBxDEUAutv00USEwo78rg+4GCfQRLiW6pqs"
    "dtXeYaBueYdNhYsa13ap82rCO2wqXJ4juyNeA7eXpoJk4RcDvyqGgxc7AnWLTZ1+nQnvcE"
    "D7aypkkbjFkswNbeenYkSHsR7X3w94a4U5OuU+MF0Mf3H7bSqUnCPdEbT+S4O9HkPHiyVx"
    "WKBXsbBG7ftdnwVBhxPeX5OQY9wWaZM0tit6K/wAmatrZaFaz+nYjk08JfRPPsKsxfrG6+"
    "woIydiYBftRQzYhWqqT/xbsu6YcJj8E6SL+aRgRrLYcqms/Fa56WJ3ZIGJidHrjCDGf9jI"
    "MDtINZGqLwzzBJElA59YJ8jCS2I5mL4iFlK9BK83PAcsmS9WXreQMAYJY7VZ3RUkjFlkno"
    "JvfiqBL1tnrFvd65vBqIP4v3tzfNufdKfjSQf5r+7N68nglz694v6/Nyf92/Fkyq74r7ZJ"
    "Hzi9lBis03hsKRgrdis6VFSxUmUleOAROg6qKV4PgVBslB6o1L6GyVdA1aYKXI3Hw0hc72"
    "oQi1aPvt5c9SnqsUQCiLZ+v9HWyALjee9Koed4RKa6tIXaP9HjQcViqEZktkK1ZnZ6GaAm"
    "EgPiMzcJ8CdiYWoO/4zXiSd5SlRy09GRzdo0R4hettTXjbUeXa/099Nfjd2nwISqj8mgN2"
    "0JZm8JyEqHxWs2c2WBjSzZFGBlMlkgmlWUSsdWmdGs5szQCE6vagmpLd8BTtR+1Q2HmkjC"
    "xP5CYPGeRrSjpq49iCTsle4tSGFukvMENGY4cS+dytTCrXKpzG8zgqgT/Wwj1dTRUl3bP6"
    "GVaWMHOdha2ExsjthPQw5Bzgwj1/R4E+xnTfKYJfWZT2L+FjWEOFz/BGYTmM3mMJv+3jKG"
    "irKkpumMrASGfOa+m9Q+dt6BU7cBKXsLTjm7NvexW7NmVlnZdMvumzTL3pzZcMBFySWFHp"
    "jpHQDcQM0DNd8Cah5Y5HqRnTIssgzZCbs/YG8DZJ9XDBJknx+cq/OCYQKmLgiTpfN0QUxO"
    "pj4dddttYvLUQE212EYw5O9MRGTldDZZgCcsYZACgK2lhXmKoIocrM1MQzNUU1Skrsyugb"
    "OriYF0ApzdwTi7pbreia8TygNXB1xdndQLZHRCRmetZjXQRkAb5aktoI1qRBtVV+2pZg9g"
    "KNFTcgYT1MI4JA0SmmCiUv2R6ZexAzPaToIS8arlExOpPmHxE98tyU1LxHZSvjWJgzAdC/"
    "0HNCP0x/B0o812SXtOHBEjUmLPMoRIJOmY9+mZaawXhT5vLKdFhX7za1HFWwJ9Uil94s7U"
    "razwmGgDzfAjMbt9TLLtbk3Dy+3crZhoCQNdTxumEeMcVrlFBjksByNc5xEOPUgLjnFUEh"
    "R2/YeZrsqtBtmTgyGu9RB7tvL2J6ikyQOzn7rpedd4VlY3ENbKCWsB+bvHmV3xdv6moxrl"
    "J6QT9cNCgCuEKg5XJ2ERlGnfEdrmFXyPYxtdt7UsQnGs0O5WhWKfXL8/rQVEf2jGp7P8oQ"
    "WWT/GPTYz+TR4QeWTkO88yP0GvhjPjXHs4U8fbWGyY6JFYGqugiE1kOOhVtflOZKwnaf7S"
    "ey+c+7g0tOfVkjP4jN3nX0F8yz0+IHkPiP8qiX+ql5yVwNmUqzMYSFd4RuFtf3Q9GH1Wun"
    "d3g8+jm7578lkB8AU9dFDy2r3pvu5fd5D/il7r9fq30/61cvV3xa9PmLx2bw5Gyu1k/Jkq"
    "t7sOCr25N3vjm9thf8q63bykV7ujXn845Ff9l/fmaKzcfRl/6yDvRXzFS+WDypyx204/Y7"
    "edOGM3WK2JeZNNSkUEgZWqNSuFbToIPL8Om1tFEgTyMOS1HnJvec6JlnGQbebKDotu9Uio"
    "G/sYPXhWKrP+LCOz/iyZWa9bZEkeH7dCXSQLsEvBnlJHa4r/SLEoNwJNADhLa/V/nUYUlg"
    "/j25vurz9ElNZwPPrsNw/B3huOr+KMr8Xcv62yDiKSEJKu8/ODx5S3GuWoJIxynUdZI4sl"
    "42622rIRk4WRrvNIxw6334YhiHVRIU3ABrN7ezsc9LpXw35RiiAqzfzv8Pt706MLNrzBvd"
    "m9vuZMAft3b37rDn5hb93/27jt5R9TEBoLRV2QlSlavllBb3EHO4e7j2cFbxXt9ko/bKMu"
    "Y6KgLeusLb0CYR4dvnU2T143EE0WROmjoO1eaU+6PxiN9NHwq/buvBYyOoIUt3z4S1sOMj"
    "3CgOQPyE6FNPL6guzDHHtsg6BliXOOMljupGgDC8icybCt6VxrCt5eMf5iiXRCWVAxSRXj"
    "u2ZPdETwFho+VR7AhpIlULKEdbFa6luOelQSRr0uoy5w65M1K2Cvwh40aDgvUBLUSCohYJ"
    "rENJJQKQlqNAkTHvWwTeFQ2xSIXyx7R2CbVnQ7jmtYDUrA6i7wEnC923R0XApBFteIJtyh"
    "AhjUuMpCPepGQQn5LUrIK3PDLKmO/JD21JwVHQELSskfvIaa+yQW7KraPKLzD3xUNmaB3N"
    "YqtnWJAoEe1khFfic/IcOxkbtXBRnsREaeUogeLbLgt/zS8OINVSX0KdhGFds3ZeFHzDhl"
    "r3B8+garEIPEt1FtkKK3Ye9UpXungjFLYJseQogINTB4cCqVrH2akax9mkzWPsJdauPb/q"
    "hVDHEu00Hsb532j5WfiOYZftsx6DFZyImqD3kqyBUOjZb7LKfz6gXPBSZZVmX9rG4qrLW/"
    "uQLF9iGGUZNlCMX2DxYFDlne8rjGpABZIN0PR7r7k7EEbHuhrhqKbmzp7kAS++TAbsxU8+"
    "oxSYUuikAkHbU4SoSAQD8owelNLgHDGUy7dIozmN4yB0NYmCWdchrSpSM7rMLT5FMPXVyc"
    "XyBrNccI/7FUWfludp4lCZ13+chPd+Buk+hkiDK7zq8XBRRlpRQlHbxC7KTXvoHE5IUUMX"
    "mRQUxeJIlJ8KfT0Qd/GvzpfN0FOYHgSdfAUDyB9LW6pK/V0YGuZ4ioWncn4iIKnJ64C5mR"
    "3RFvKZXb4Y35GztSyLaDXmfkhP5Zn/AitifUedF5uVtvcypiOyCZICtv+yQ6HK/szgsXzY"
    "3HNFkqR/JsPAu/YCuc+hHtI0pORbpMtqa2mU071ujYJFuDi1ali1azYHhNHyx1dxukouEW"
    "ppDa2/mLcVkY6loPdbAyH9YKv5gY73QWRijcQEqmLUXJtDMombaAkgmDZ5Fi/JdQuIHIl5"
    "/TFeinh0IlFeJyDQR7L9M8ZsHJwx0RayDalzLl7i/Ty91fJsrde5jRny9KXMvFeiPXQLD3"
    "MrVZpeUkztmVmbfGt56evdAG2kdhZlsjy62Le26EK8yrnn4Z3CnjXu/rZNIf9QrX9YyJd1"
    "Dswr3JL3RH18qn8XA4/saLfCav3ZvfvoyHffo5k0H/roPC7+IEg9RCKv2QDsZQcKQTg5uZ"
    "ahsWqzC19jBLqsTMWvz4iDXHeMHbV7vL6gKiGwLMPZhssrLSNuHkK7FEJ3V+TLd6X++m4x"
    "t26JD/6t70jyHyjx7qfqaa7O/Kdf9T9+tw2kHR99top/LdBVubYX3FHK3i60QoCwtEsEB8"
    "Zb4FyCJRwFiUBk61zJNA+2RWcQyEoFwjDisRQblGdU1WjuIQRxV4X9m1MmOigHUO1tvUxI"
    "RimEWKYfrxwiTCf7sbj8QIh2XiU9jQHPQ/NDfsY1TFGdAyNLKd3bhfexIl8VkHcWfXMUQ5"
    "GqmPQL851MUS1Rt1jC0LjcYFAV6B4bayWZUXW9ka54weAPDUEt1QpHiv/rrKaqQUJKQCId"
    "jpXYCPcmHbItEgIgjVFeqcZMCHylKKxktiYhA2KR420SysGw6HUGERbMMqrNfSugAtV0DL"
    "hXMiC+q5mChoujprOjhD7fsYZ9hZ1doHRR3OaitWrSQpCQhDLZgKkY3ugZAENioEuMJuy0"
    "ow9RL+CoEakQFUs2z8og+vpCCQcqlEUVFw42IALey+Ptju60WwkXdHaJtXUyuObdQ2gq3t"
    "hzqZBWrvFQFXrvZemtNbAsZf7Wbjm3T0JTB2jdcyZnBo0/1k02lDsY6Y/BIob0yt6qZxzQ"
    "wzWWTjRqnUFN44CQBv7sSNO1Q7lHBxkzNLLFt5yztskN6Iz9MDHmh0JBO2svo33lzLqYIT"
    "zEi5WjjKMhDILYnzbaY6vPqmzk4estghREvV0NEjsZCK/PT9SDkb9Ja1t8grWlIBV+6HZD"
    "2cUnsWHn0U+dGuJnFlNqcYpRfLiTWEQjVVFapRF2RlisKvWSn4gRAk3/PfnZ58D7HP8max"
    "uEb2VrHPsCQgLEA4UMjy2EZkAFXgjg94BkasGGGJTEaDURYoRwms3WVfAsrXm44aim9EQR"
    "b2sqtygzyqLscNCgg9STcooBUljkYwETYda83OImCFOd3l/8ZGm4M2+e44djvisLifITjy"
    "tYwO88975QWY4p4O+DNV+jNFS2dBzawCNbMKF8uCKlkFq2SpvFSMgArM2nQQCFW4zcBXGk"
    "e7ywA887L0MXg4FXk4MhEYOD7ssPEEvgFsRPjQJQ3o4G624RxsI5M0mJErgpgIO/yL5a3o"
    "6GGNZqy4vfpEfz81b1UTGba94kd+8Q00oqPDdugJTgqrlzUM7P5+2f20VJm88rENNYnhNL"
    "baTOej2yToD1bhzWxxOTDLBc6O95AuBm1UCHDNd3c8xErwdwZBT0cGsazDE51dMjGdzUov"
    "Ad+mZ/7GtWKtog3+5BZ4SKF5n+4ehZaZlGvkpZm/sX1npYNUpFvqo3PCogEbV+bVcGb0zp"
    "O6nGPbZllPP7puOf0BiwfxQcvldp4fY3AbC/KpYsn0dAE4KxvSqap1uLzRKeAQBBJNKNkT"
    "K7PZlnAHztrphTbbiQrT7qwW4itxtMFGusKzDa4n3U/TVjG8XSFW/Jv+uzcHd3df+9cd5P"
    "6PKyGZkfgoMRAfU8fhI5SUzZ/rMlNdvqTsNpWRD1wS+f1+bZ7SSBsgFLaB+ugIBdfs2qa2"
    "VFgQKkvVeYwhhlueUQt1j/aDLETHD5H/C/vwS9+HL5V9EASud00+iITKGwJ8NJuOlXLfDS"
    "SPLRvSnpqKEmyRPXRKS3iSpTO2/hzMZW2Vud8yl7odm5jvTMU6cmYUF8asamSxZLpJR17N"
    "m5O07avshkl+tGfkFT1iQapL+d3n57/8Fi7VA+RspeTsM/1ZRRgrv30D2aryz/4Lf60CGM"
    "fEGgj1mVRSzFlGUsyZIE8cErv2yhFCvkSzCv/WzI7bQzVV30guXE01JgjwQpbPIbN8DlH1"
    "s2bTVxbbwkU/Q6u9BHwb7E/HkU6qyVrlUyVHQuCnC4cr3Vtfus2V2JyRybcSF5PidaZCDj"
    "N6VQ2HfgJyCHrAfvKULsqx2r1DGcc8wjHHDphhyVs6nRKm95457ycokXQVlgLnvibOfX5e"
    "0DE4+q1ed9TrD4fd6WA86qDwu3tzNFbuvoy/KZ/6/Q4KvYmvpcNQA3CYOhzwfdzZWHDGac"
    "68LXFfPqRnbTMAR5e6E7eoigx0XBaStOo80nDM4/cxzpCM12pkqdOaLRnIdjwWZA8VRGv4"
    "hIXDMyE5t1bsOBzsVqMYD2Q+F4F36xPIDlRZumaPNmmYtyosfYg4+5ECLBVml0ngDyfpVp"
    "qcfiTAV3cYEZkb1GrIO4zIbXUifxhRICARyWWfrCNXJlo6+yf+2oOdnytEv8DcwDaLvpr4"
    "FT0Q8kwBFtXiLq1biWoZDDqoyH3QkhjqolBFbr99A6NSeykZbdibr51U11nxqaggxKiKxK"
    "h49NRRXrBV3BUXCwPTkYTZQ6gAtiGJ6jiOfRW+KJ3phMjq9xCHWS31LYc5KgnDXOthhnBb"
    "WToSSOAanV/gPcHLPEKa+5m/BJZBQ0agYirCB1CKkQihXYiYUEIGnNz+cFt9wTryxBiZoH"
    "rEQgcZjo0cg945Qe4ZzP47TaUuma5aiJ1o8EQ/I2VzeIl9C6kK7ze7a8b/5cBWHJKtOBKX"
    "o/YIhyoZYktUueNvd+ORGNCNQNwANTQH/Y+f03eEsGZgxqCIWJ0+3/P2pvtrnArqDcdXcX"
    "OSdXAFzh54AeAFlMuUwGEU+0A3YvZIIhuRAVTBcz1c+lIQQi0x9yMI5DYU5cgChtM+SsW2"
    "3qd99F8w/+YJ2sC9cZJFEeBNEykywFgsVlwWqSt2hiE/89vLKaAe34NqsyMNH1c2ttHXW2"
    "bAcTf9uj/s05dvVYqu8fSErR/EfEB53d+b9+a/bPz7v5Bhc/nQcSDayrKJ1UHqfE40Nq5o"
    "RaefFcqSQBZ5fWMjevv5BNmEHy1imPSz7k2vAf1yhsmmBfsq9JZGFgt6jZ3l6DITKv2i9m"
    "qBkUkhtpD9bCxtepEqI+w1lsywoD9CcBgJ/yB/U7y3Vz6ayrjZQZ9MDStcGe/KePpeiI+/"
    "tNtnZx/a788uP16cf/hw8fH9xm5I3soyIK4Gn5kNEXFc8ukRNtqF4PcEmmSxVTIEIf6EYZ"
    "bAPD1/xm/fwPyZ8k+0JxrPxtiGJomJAk9Sb55Ec4il0CdzwX1eCTnI00mqKBekool+UakG"
    "qqu9pPu5qFlkvgXWvlQDsS6/ak3YhJVUFmER0BP12bnYcFhhi/ieAdYt44Uv7EJxzKhU9c"
    "HM1v89rkyNl8p7WBlzxzDtd+zz/tqq3l7cS4iTeamFBsRrX4+hYB/bmKGAMGRZegdCOgdP"
    "RtwnGc5SF9c3qvXcEhDiwc2TLFLcYs2Uhd8ulxn/wuqjqi6BTFbOA/kD8S7QTLXRcvVANd"
    "8M6wir2swjmN/YiDPvNnrr/adTah3w3wJ+fF8fkl+5NZUqrolSqgNtvLd8uc3IKoWp4YRo"
    "Y3bsVMwQw4aP9AGxsKqPzfm6tTla7EgpzU3Gd+JRJfsQyzckxiaeEvpn72bEQVXi3oyI3U"
    "5Z0/FiSRz2kROsESv6KEttlGkoGEFzxQra5xoMU/oMfzQs2+FBYrYRn6W+s8cyd2Fs+rDm"
    "MWd68Rmvf+LBZMdas78ry7RZ9Fl9osgmrYRSe84PTtM+IJ/+sGXZcaGy1F7zBhLUewkGkC"
    "UDpOCRaxGhBiJdfpTYwvRn2o5CXZlZEaTjcgC2FNi2sJZFOq8XSMCOEdgxApkQsGMEqNqD"
    "A3z8VG0XW4Y2awncMO/OSZbvpQZt8vytdEx3ID/Bm6lyd3C6DZi+PbgJ5l/74kLGq7m4SP"
    "dq2L1YMJEuqgIIe80biO6plM94muEzniZ9RvqJDhadHZ1uYIdEwMIuaGHvRNnu+jD78/8B"
    "IbnTRg=="
)
